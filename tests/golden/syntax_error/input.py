import tensorflow as tf


def ok(x):
    return tf.stop_gradient(x)


def broken(x):
    return tf.stop_gradient(x name="b")
