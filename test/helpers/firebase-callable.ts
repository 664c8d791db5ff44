/** A Firebase callable whose signed-in caller's document is kept in `userRef`, then `body` runs. */
export const callable = (name: string, body: string) =>
  `import * as functions from 'firebase-functions/v1';
import * as admin from 'firebase-admin';
admin.initializeApp();
const db = admin.firestore();
export const ${name} = functions.https.onCall(async (data, context) => {
  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in first');
  const userRef = db.collection('users').doc(context.auth.uid);
${body}
  return { ok: true };
});
`;
/** The line `body` starts on in `callable`'s file. */
export const CALLABLE_BODY_LINE = 8;
