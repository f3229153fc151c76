import tensorflow as tf
import mindspore as ms
from mindspore import ops


def f(x, c, y, z):
    a, b, d = ops.tensor_split(x, 3, 1)         # 3 pieces
    e = ops.split(x, (2, 3, 5), 1)            # sizes
    g = tf.split(x, n)                       # unknown: refused
    h = ops.argmax(x, 0)                         # axis 0 in TF
    i = ops.argmax(x, 1)
    j = ops.argmax(x, 1)
    k = ops.argmin(x, -1)
    m = ops.amax(x, 1)             # ops.max returns a tuple
    n = ops.amin(x)
    o = ops.where(c, y, z)                    # rank-1 condition: review
    p = ops.argwhere(c)
    q = ops.cast(x, ms.float32)
    r = ops.cast(x, ms.float32)
    s = ops.concat([y, z], -1)
    t = ops.one_hot(c, 10, ms.Tensor(1.0, ms.float32), ms.Tensor(0.0, ms.float32))
    u = ops.sort(x, -1, True)[0]
    return a, b, d, e, g, h, i, j, k, m, n, o, p, q, r, s, t, u
