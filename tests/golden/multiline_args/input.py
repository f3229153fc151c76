import tensorflow as tf


def f(x):
    a = tf.stop_gradient(
        x,
        name="a",
    )
    b = tf.stop_gradient(
        x,  # the tensor
        name="b")
    c = tf.stop_gradient(x,
                         name="c")  # trailing
    return a, b, c
