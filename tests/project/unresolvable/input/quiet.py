from some_installed_package import *
import tensorflow as tf


def f(x):
    return tf.stop_gradient(helper(x))
