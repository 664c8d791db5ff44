/** The JWT middleware an AI builder writes for Express (`server/middleware/auth.js`): a real sign-in check. */
export const PROTECT = [
  `import jwt from 'jsonwebtoken';`,
  `export const protect = (req, res, next) => {`,
  `  try {`,
  `    req.user = jwt.verify(req.headers.authorization?.split(' ')[1] ?? '', process.env.JWT_SECRET, { algorithms: ['HS256'] });`,
  `    next();`,
  `  } catch {`,
  `    res.status(401).json({ message: 'Not authorized' });`,
  `  }`,
  `};`,
].join('\n');
