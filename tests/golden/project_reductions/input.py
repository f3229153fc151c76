import tensorflow as tf


def f(x):
    a = tf.reduce_sum(x, keepdims=True)
    b = tf.reduce_sum(x, 1, keep_dims=True)
    c = tf.reduce_mean(x, reduction_indices=[1])
    d = tf.reduce_mean(x, axis=1, reduction_indices=1)
    e = tf.reduce_max(input_tensor=x, axis=0, keepdims=False)
    g = tf.reduce_sum(x, axis=(0, 1))
    return a, b, c, d, e, g
