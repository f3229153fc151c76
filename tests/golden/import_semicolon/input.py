import os; import tensorflow as tf; import sys
Y = tf.stop_gradient(os.sep + sys.prefix)
