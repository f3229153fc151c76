from mindspore import ops
y = ops.Reshape()(ops.stop_gradient(x), (-1, 784))
z = ops.Reshape()(x, \
               (1, 2))
w = ops.BiasAdd(data_format='NHWC')(x, \
                   b)
