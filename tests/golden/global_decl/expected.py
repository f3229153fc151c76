from mindspore import ops
tf = None


def setup():
    global tf


def use(x):
    return ops.stop_gradient(x)
