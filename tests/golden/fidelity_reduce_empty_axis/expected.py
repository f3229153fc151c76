import tensorflow as tf
from mindspore import ops


def f(x):
    # An empty axis list reduces no dimension in TF; MindSpore's
    # reductions read an empty axis as "all dimensions".
    a = tf.reduce_sum(x, axis=[])
    b = tf.reduce_mean(x, ())
    c = tf.reduce_sum(x, reduction_indices=[])
    # A non-empty list converts.
    d = ops.mean(x, [0])
    return a, b, c, d
