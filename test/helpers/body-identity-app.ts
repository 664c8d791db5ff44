/**
 * An Express app whose sign-in middleware puts the verified user's id in the request body (`req.body.userId =
 * decoded.id`), as a much-copied food-delivery tutorial does. `assign` replaces that line.
 */
export function bodyIdentityApp(options: { assign?: string } = {}): Record<string, string> {
  const assign = options.assign ?? 'req.body.userId = decoded.id;';
  return {
    'package.json': JSON.stringify({ name: 'food-del', type: 'module', dependencies: { express: '4.21.1', mongoose: '8.8.1', jsonwebtoken: '9.0.2' } }),
    'middleware/auth.js': [
      "import jwt from 'jsonwebtoken';",
      'const authMiddleware = async (req, res, next) => {',
      '  const { token } = req.headers;',
      "  if (!token) return res.json({ success: false, message: 'Not Authorized' });",
      '  try {',
      '    const decoded = jwt.verify(token, process.env.JWT_SECRET);',
      `    ${assign}`,
      '    next();',
      '  } catch (error) {',
      "    res.json({ success: false, message: 'Error' });",
      '  }',
      '};',
      'export default authMiddleware;',
      '',
    ].join('\n'),
    'models/orderModel.js': "import mongoose from 'mongoose';\nconst orderSchema = new mongoose.Schema({ userId: { type: String, required: true }, items: Array, amount: Number });\nexport default mongoose.model('order', orderSchema);\n",
    'models/userModel.js': "import mongoose from 'mongoose';\nconst userSchema = new mongoose.Schema({ name: String, email: String, cartData: Object });\nexport default mongoose.model('user', userSchema);\n",
    'controllers/orderController.js': [
      "import orderModel from '../models/orderModel.js';",
      "import userModel from '../models/userModel.js';",
      'export const userOrders = async (req, res) => {',
      '  const orders = await orderModel.find({ userId: req.body.userId });',
      '  res.json({ success: true, data: orders });',
      '};',
      'export const clearCart = async (req, res) => {',
      '  await userModel.findByIdAndUpdate(req.body.userId, { cartData: {} });',
      '  res.json({ success: true });',
      '};',
      '',
    ].join('\n'),
    'routes/orderRoute.js': [
      "import express from 'express';",
      "import authMiddleware from '../middleware/auth.js';",
      "import { userOrders, clearCart } from '../controllers/orderController.js';",
      'const orderRouter = express.Router();',
      "orderRouter.post('/userorders', authMiddleware, userOrders);",
      "orderRouter.post('/clear', authMiddleware, clearCart);",
      'export default orderRouter;',
      '',
    ].join('\n'),
    'server.js': "import express from 'express';\nimport orderRouter from './routes/orderRoute.js';\nconst app = express();\napp.use(express.json());\napp.use('/api/order', orderRouter);\napp.listen(4000);\n",
  };
}
