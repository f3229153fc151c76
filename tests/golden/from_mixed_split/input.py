from tensorflow import stop_gradient, gradients


def f(x, y):
    return stop_gradient(x), gradients(y, [x])
