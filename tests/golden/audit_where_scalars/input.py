import tensorflow as tf


def f(c, x):
    # MindSpore's where raises TypeError when both x and y are numbers
    a = tf.where(c, 1.0, 0.0)
    b = tf.where(c, 1, 0)
    # one number and a tensor: MindSpore converts the number itself
    d = tf.where(c, x, 0.0)
    e = tf.where(c, -1e9, x)
    # list literals are not Tensors: the first is wrapped (TF infers the
    # dtype from it), a later one is refused
    g = tf.where(c, [1.0, 2.0], x)
    h = tf.where(c, x, [1.0, 2.0])
    return a, b, d, e, g, h
