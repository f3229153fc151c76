import tensorflow.contrib.slim as slim
from mindspore import ops


def net(x):
    x = slim.conv2d(x, 32, [3, 3])
    return ops.stop_gradient(x)
