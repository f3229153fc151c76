import tensorflow.compat.v1 as tf
from mindspore import ops

tf.disable_v2_behavior()


def f(x):
    return ops.stop_gradient(x) + ops.stop_gradient(x)
