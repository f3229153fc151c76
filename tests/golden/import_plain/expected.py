import os
from mindspore import ops


def f(x):
    y = ops.stop_gradient(x)
    return ops.relu(y), os.sep
