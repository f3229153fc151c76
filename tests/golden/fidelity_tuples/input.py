import tensorflow as tf


def f(a, x, y, n):
    b = tf.reshape(a, [-1, tf.shape(a)[-1]])
    c = tf.tile(x, [tf.shape(y)[0], 1, 1, 1])
    d = tf.reshape(a, [n, 28 * 28])
    e = tf.reshape(a, (-1, 10))
    g = tf.transpose(x, [0, 2, 1])
    h = tf.slice(x, [0, 0], [-1, 5])
    i = tf.reshape(a, shape)
    j = tf.squeeze(x, 1)
    k = tf.squeeze(x, [1, 2])
    return b, c, d, e, g, h, i, j, k
