from tensorflow import *
import tensorflow as tf


def f(x):
    return stop_gradient(x), tf.stop_gradient(x)
