import tensorflow as tf
from mindspore import ops


def f(a, x, y, n):
    b = tf.reshape(a, [-1, tf.shape(a)[-1]])
    c = tf.tile(x, [tf.shape(y)[0], 1, 1, 1])
    d = ops.reshape(a, (n, 28 * 28))
    e = ops.reshape(a, (-1, 10))
    g = ops.transpose(x, (0, 2, 1))
    h = ops.Slice()(x, (0, 0), (-1, 5))
    i = tf.reshape(a, shape)
    j = ops.squeeze(x, 1)
    k = ops.squeeze(x, (1, 2))
    return b, c, d, e, g, h, i, j, k
