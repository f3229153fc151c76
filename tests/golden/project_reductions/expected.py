import tensorflow as tf
from mindspore import ops


def f(x):
    a = ops.sum(x, None, True)
    b = ops.sum(x, 1, True)
    c = ops.mean(x, [1])
    d = tf.reduce_mean(x, axis=1, reduction_indices=1)
    e = ops.amax(x, 0, False)
    g = ops.sum(x, (0, 1))
    return a, b, c, d, e, g
