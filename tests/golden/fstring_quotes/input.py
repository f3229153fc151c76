import tensorflow as tf
y = f'{tf.nn.bias_add(x, b)}'
z = f"{tf.nn.bias_add(x, b)}"
w = f'{f"{tf.nn.bias_add(x, b)}"}'
v = f'''{tf.nn.bias_add(x, b)}'''
u = f'{tf.reshape(x, [1])!r:>{tf.reshape(x, [1])}}'
