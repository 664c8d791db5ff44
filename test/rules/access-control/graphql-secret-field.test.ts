import { ruleTester } from '../../helpers/rule-tester.js';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps });
const YOGA = pkg({ 'graphql-yoga': '^5.10.0', graphql: '^16.9.0' });
const NEST = pkg({ '@nestjs/graphql': '^12.2.0', '@nestjs/common': '^10.4.0', typeorm: '^0.3.20' });

ruleTester('graphql-secret-field', {
  valid: [
    {
      name: 'input types, root fields that take a password, the token a sign-in returns, a push token, and a description that names the password',
      files: {
        'package.json': YOGA,
        'src/schema.graphql': [
          `type Query {`,
          `  me: User`,
          `}`,
          `type Mutation {`,
          `  login(email: String!, password: String!): AuthPayload!`,
          `  resetPassword(token: String!, password: String!): Boolean!`,
          `}`,
          `input SignUpInput {`,
          `  email: String!`,
          `  password: String!`,
          `}`,
          `type AuthPayload {`,
          `  token: String!`,
          `  refreshToken: String!`,
          `  user: User!`,
          `}`,
          `type Device {`,
          `  id: ID!`,
          `  token: String!`,
          `}`,
          `"""`,
          `A user. Their password is never returned.`,
          `"""`,
          `type User {`,
          `  # password: String! (removed)`,
          `  id: ID!`,
          `  passwordUpdatedAt: String`,
          `}`,
        ].join('\n'),
      },
    },
    {
      name: 'an entity whose password and token are columns without @Field',
      files: {
        'package.json': NEST,
        'src/user.entity.ts': "import { Field, ID, ObjectType } from '@nestjs/graphql';\nimport { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@ObjectType()\n@Entity()\nexport class User {\n  @Field(() => ID)\n  @PrimaryGeneratedColumn()\n  id: number;\n  @Column()\n  password: string;\n  @Column({ nullable: true })\n  token?: string;\n}\n",
        'src/login.types.ts': "import { Field, ObjectType, InputType } from '@nestjs/graphql';\n@ObjectType()\nexport class LoginResponse {\n  @Field()\n  accessToken: string;\n}\n@InputType()\nexport class LoginInput {\n  @Field()\n  password: string;\n}\n",
      },
    },
    {
      name: "the MERNG tutorial's token on a User type that only the sign-in mutations return",
      files: {
        'package.json': pkg({ 'apollo-server': '^3.13.0', graphql: '^16.9.0' }),
        'server/graphql/typeDefs.js': "const { gql } = require('apollo-server');\nmodule.exports = gql`\n  type Post {\n    id: ID!\n    body: String!\n    username: String!\n  }\n  type User {\n    id: ID!\n    email: String!\n    token: String!\n    username: String!\n  }\n  type Query {\n    getPosts: [Post]\n  }\n  type Mutation {\n    register(username: String!, password: String!): User!\n    login(username: String!, password: String!): User!\n  }\n`;\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a schema file, a gql template and a code-first class that publish a hash, a salt and a session token',
      files: {
        'package.json': YOGA,
        'src/schema.graphql': `type Query {\n  users: [User!]!\n}\ntype User implements Node @key(fields: "id") {\n  id: ID!\n  email: String!\n  password: String!\n}\n`,
        'src/typeDefs.ts': "import gql from 'graphql-tag';\nexport const typeDefs = gql`\n  extend type Account {\n    id: ID!\n    salt: String\n  }\n`;\n",
        'src/user.entity.ts': "import { Field, ObjectType } from '@nestjs/graphql';\n@ObjectType()\nexport class User {\n  @Field({ nullable: true })\n  token?: string;\n}\n",
      },
      errors: [
        { messageId: 'field', line: 7, file: 'src/schema.graphql' },
        { messageId: 'field', line: 5, file: 'src/typeDefs.ts' },
        { messageId: 'field', line: 5, file: 'src/user.entity.ts' },
      ],
    },
    {
      name: "a token on a User type a query hands out, and a reset hash named for a lost password",
      files: {
        'package.json': pkg({ 'apollo-server': '^3.13.0', graphql: '^16.9.0' }),
        'server/graphql/typeDefs.js': "const { gql } = require('apollo-server');\nmodule.exports = gql`\n  type User {\n    id: ID!\n    token: String!\n    lostPasswordHash: String\n  }\n  type Query {\n    users: [User!]!\n  }\n  type Mutation {\n    login(username: String!, password: String!): User!\n  }\n`;\n",
      },
      errors: [
        { messageId: 'field', line: 5 },
        { messageId: 'field', line: 6 },
      ],
    },
  ],
});
