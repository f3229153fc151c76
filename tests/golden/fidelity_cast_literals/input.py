import tensorflow as tf


def f(x, dtype):
    # TF converts a Python list to a tensor before casting; MindSpore's
    # Cast takes a Tensor or a number only: literals become Tensors of the
    # dtype TF infers.
    a = tf.cast([1, 2], tf.float32)
    b = tf.to_float([[1, 0], [0, 1]])
    c = tf.to_int32([0.5, 1.5])
    h = tf.to_int64([2.5, 3.5])
    d = tf.cast(1., dtype=dtype)
    # A literal whose dtype cannot be told is left.
    e = tf.cast([True, 1], tf.int32)
    # Tensors are passed on as before.
    g = tf.cast(x, tf.int32)
    return a, b, c, d, e, g, h
