import tensorflow as tf


def f(x, lo, hi, depth, on):
    # TF reads a string as a dtype name; MindSpore wants the dtype object.
    a = tf.cast(x, "float")
    b = tf.cast(x, tf.float32)
    c = tf.zeros([2], dtype='int32')
    # Literal bounds are wrapped; bounds in variables must be Tensors.
    r = tf.random_uniform((), 0., 1.)
    s = tf.random_uniform((), lo, hi)
    o = tf.one_hot(x, depth, on_value=on)
    return a, b, c, r, s, o
