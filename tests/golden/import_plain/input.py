import os
import tensorflow


def f(x):
    y = tensorflow.stop_gradient(x, name="y")
    return tensorflow.nn.relu(y), os.sep
