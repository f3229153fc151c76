import tensorflow as tf


def f(n, lo, hi):
    # int literals: int32 in TF, int64 in MindSpore's arange unless said
    a = tf.range(24)
    b = tf.range(0, 3 * 2)
    c = tf.range(-5, 5, 2)
    d = tf.range(limit=10, start=2)
    # a float literal makes the whole range float32 in both
    e = tf.range(0, 1, 0.25)
    # given dtype is kept
    g = tf.range(0, 10, dtype=tf.int64)
    # a bound that is no literal: the tool cannot tell, review note
    h = tf.range(n)
    i = tf.range(0, n)
    j = tf.range(lo, hi, 1.5)
    return a, b, c, d, e, g, h, i, j
