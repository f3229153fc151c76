import tensorflow as tf


class Layers:
    tf = tf
    frozen = tf.stop_gradient(1)

    def call(self, x):
        return tf.stop_gradient(x)


def f(x):
    return tf.stop_gradient(x)
