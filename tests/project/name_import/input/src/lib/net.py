from . import slim
from src.lib import tf as T


def net(x):
    return slim.conv2d(x, 3, 3), T.stop_gradient(x)
