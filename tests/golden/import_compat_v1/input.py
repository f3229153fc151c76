import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def f(x):
    return tf.stop_gradient(x) + tf.compat.v1.stop_gradient(x)
