from mindspore import ops
def f(x):
    return ops.stop_gradient(x)


def g(x):
    from mindspore.ops import stop_gradient
    return stop_gradient(x)


def h(x):
    return tf.stop_gradient(x)
