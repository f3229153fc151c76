import tensorflow as tf

ms = 1000  # milliseconds
ops = ["relu"]


def f(x):
    assert isinstance(x, tf.Tensor)
    return tf.stop_gradient(x)
