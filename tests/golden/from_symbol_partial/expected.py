from tensorflow import stop_gradient as sg
from mindspore import ops


def f(x, make_name):
    a = ops.stop_gradient(x)
    b = sg(x, name=make_name())
    return a, b
