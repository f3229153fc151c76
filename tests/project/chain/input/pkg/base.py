import tensorflow as tf

layers = tf.layers
