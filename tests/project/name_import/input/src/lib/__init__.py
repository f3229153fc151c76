import tensorflow.compat.v1 as tf

slim = tf.contrib.slim
