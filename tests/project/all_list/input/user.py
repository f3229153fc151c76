from shown import *


def f(x):
    return stop(x)
