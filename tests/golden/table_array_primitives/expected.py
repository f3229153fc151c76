import tensorflow as tf
import mindspore as ms
from mindspore import ops


def arrays(x, idx, n, shape):
    a = ops.expand_dims(x, 0)
    b = ops.expand_dims(x, -1)
    c = ops.expand_dims(x, 1)
    d = tf.expand_dims(x)
    e = tf.expand_dims(x, axis=0, dim=0)
    f = ops.gather(x, idx, 0)
    g = ops.gather(x, idx, 1, 1)
    h = ops.gather(x, idx, 0)
    i = ops.reshape(x, (-1, 784))
    j = ops.reshape(x, (n, 28, 28, 1))
    k = ops.reshape(x, (-1,))
    l = tf.reshape(x, shape)
    m = ops.Slice()(x, (0, 1), (2, -1))
    o = ops.tile(x, (1, 2))
    p = ops.transpose(x, (1, 0))
    q = tf.transpose(x)
    r = tf.transpose(x, perm=(0, 2, 1), conjugate=True)
    s = ops.ones_like(x), ops.zeros_like(x)
    t = ops.ones_like(x, dtype=ms.int32)
    return a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t
