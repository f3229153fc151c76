from mindspore import ops


def f(x):
    a = ops.stop_gradient(
        x,
    )
    b = ops.stop_gradient(
        x,  # the tensor
        )
    c = ops.stop_gradient(x)  # trailing
    return a, b, c
