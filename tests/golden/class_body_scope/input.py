import tensorflow as tf


class Layer:
    import tensorflow.compat.v1 as tf2
    value = tf2.stop_gradient(1)

    def call(self, x):
        return tf2.stop_gradient(x)
