import tensorflow as tf


def math(x, y, xs, args, make):
    a = tf.add(x, y)
    b = tf.math.add(x, y, name="b")
    c = tf.subtract(x=x, y=y)
    d = tf.multiply(x, y=y)
    e = tf.divide(x, y)
    f = tf.pow(x, 2.0)
    g = tf.greater(x, y), tf.less_equal(x, y)
    h = tf.log(x) + tf.math.erf(x)
    i = tf.add_n(xs) + tf.math.add_n([x, y], name="i")
    j = tf.add(*args)
    k = tf.add(x, y, name=make("k"))
    return a, b, c, d, e, f, g, h, i, j, k
