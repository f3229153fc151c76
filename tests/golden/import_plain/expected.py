import os
import tensorflow
from mindspore import ops


def f(x):
    y = ops.stop_gradient(x)
    return tensorflow.nn.relu(y), os.sep
