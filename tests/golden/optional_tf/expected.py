from mindspore import ops
try:
    pass
except ImportError:
    tf = None


def f(x):
    return ops.stop_gradient(x)
