from pkg.base import *


def helper(x):
    return x
