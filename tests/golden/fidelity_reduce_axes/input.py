import tensorflow as tf


def f(x, axes):
    # TF takes the axis as a tensor or any sequence; MindSpore's sum (and
    # mean before 2.3) only an int, tuple or list: a value the tool cannot
    # see gets a note.
    a = tf.reduce_sum(x, range(1, 3))
    b = tf.reduce_mean(x, axis=axes, keepdims=True)
    d = tf.reduce_mean(x, reduction_indices=axes)
    # Literal axes need no note.
    c = tf.reduce_sum(x, [1, 2])
    e = tf.reduce_mean(x, -1)
    return a, b, c, d, e
