from a import *


def g(x):
    return tf.nn.relu(tf.stop_gradient(x))
