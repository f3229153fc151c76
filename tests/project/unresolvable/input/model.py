from some_installed_package import *


def f(x):
    return tf.nn.relu(x)
