import tensorflow as tf
from mindspore import ops


def arrays(x, idx, n, shape):
    a = ops.ExpandDims()(x, 0)
    b = ops.ExpandDims()(x, -1)
    c = ops.ExpandDims()(x, 1)
    d = tf.expand_dims(x)
    e = tf.expand_dims(x, axis=0, dim=0)
    f = ops.Gather()(x, idx, 0)
    g = ops.Gather(batch_dims=1)(x, idx, 1)
    h = ops.Gather()(x, idx, 0)
    i = ops.Reshape()(x, (-1, 784))
    j = ops.Reshape()(x, (n, 28, 28, 1))
    k = ops.Reshape()(x, (-1,))
    l = tf.reshape(x, shape)
    m = ops.Slice()(x, (0, 1), (2, -1))
    o = ops.Tile()(x, (1, 2))
    p = ops.Transpose()(x, (1, 0))
    q = tf.transpose(x)
    r = tf.transpose(x, perm=(0, 2, 1), conjugate=True)
    s = ops.OnesLike()(x), ops.ZerosLike()(x)
    t = tf.ones_like(x, dtype=tf.int32)
    return a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t
