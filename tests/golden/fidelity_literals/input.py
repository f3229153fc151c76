import tensorflow as tf


def f(x, y, labels):
    a = tf.log(2.)
    b = tf.multiply(x, [1 / 0.95, 1.0, 1 / 1.09])
    c = tf.pow([[2.0]], y)
    d = tf.greater([1, 0, 1], 0)
    e = tf.gather(x, [0])
    g = tf.add(1, 2)
    h = tf.multiply(x, 0.5)
    i = tf.reduce_sum([1, 2.5])
    j = tf.exp([a, 1.0])
    return a, b, c, d, e, g, h, i, j
