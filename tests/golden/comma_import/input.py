import os, tensorflow as tf, sys

Y = tf.stop_gradient(os.sep + sys.prefix)
