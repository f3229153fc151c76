import mindspore

ms = 1000  # milliseconds
ops = ["relu"]


def f(x):
    assert isinstance(x, mindspore.Tensor)
    return mindspore.ops.stop_gradient(x)
