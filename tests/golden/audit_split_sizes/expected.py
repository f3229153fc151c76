import tensorflow as tf
from mindspore import ops


def f(x, n):
    # sizes that sum to the dimension: the same in both
    a, b = ops.split(x, (2, 3), 1)
    # TF infers a -1 size from the others; MindSpore's split raises
    c, d = tf.split(x, [2, -1], axis=1)
    e, g = tf.split(x, num_or_size_splits=(-1, 4))
    # a name may hold -1 at run time: review note only
    h, i = ops.split(x, (n, 3), 1)
    return a, b, c, d, e, g, h, i
