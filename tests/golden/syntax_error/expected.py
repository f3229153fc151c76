import tensorflow as tf
from mindspore import ops


def ok(x):
    return ops.stop_gradient(x)


def broken(x):
    return tf.stop_gradient(x name="b")
