// Frameworks and libraries that documents name, with the packages (or source files) that show a repository uses
// them. Patterns are case-sensitive where the name is also an English word (Express, Spring, Next).

export interface KnownLibrary {
  name: string;
  pattern: RegExp;
  /** Any of these declared in a package.json means the repository uses it. */
  packages?: string[];
  /** For frameworks of other ecosystems: files with this extension show the ecosystem is present. */
  sourceExtension?: RegExp;
}

const lib = (name: string, pattern: RegExp, packages: string[]): KnownLibrary => ({ name, pattern, packages });
const other = (name: string, pattern: RegExp, sourceExtension: RegExp): KnownLibrary => ({ name, pattern, sourceExtension });

export const KNOWN_LIBRARIES: KnownLibrary[] = [
  lib('React Native', /\bReact Native\b/, ['react-native']),
  lib('React', /\bReact(?:\.js|JS)?\b(?! Native| Router| Query)/, ['react']),
  lib('React Router', /\bReact Router\b/, ['react-router', 'react-router-dom']),
  lib('React Query', /\b(?:React|TanStack) Query\b/, ['@tanstack/react-query', 'react-query']),
  lib('Next.js', /\bNext\.?js\b/i, ['next']),
  lib('Vue', /\bVue(?:\.js)?\b/, ['vue']),
  lib('Nuxt', /\bNuxt(?:\.js)?\b/, ['nuxt']),
  lib('Angular', /\bAngular(?:JS)?\b/, ['@angular/core', 'angular']),
  lib('Svelte', /\bSvelte(?:Kit)?\b/, ['svelte', '@sveltejs/kit']),
  lib('Express', /\bExpress(?:\.js|JS)?\b/, ['express']),
  lib('NestJS', /\bNest(?:JS|\.js)\b/i, ['@nestjs/core']),
  lib('Fastify', /\bFastify\b/i, ['fastify']),
  lib('Koa', /\bKoa\b/, ['koa']),
  lib('Hapi', /\bhapi(?:\.js)?\b/i, ['@hapi/hapi', 'hapi']),
  lib('Redux', /\bRedux(?: Toolkit)?\b/, ['redux', '@reduxjs/toolkit', 'react-redux']),
  lib('MobX', /\bMobX\b/i, ['mobx']),
  lib('Zustand', /\bZustand\b/i, ['zustand']),
  lib('Recoil', /\bRecoil\b/, ['recoil']),
  lib('GraphQL', /\bGraphQL\b/, ['graphql', '@apollo/server', '@apollo/client', 'apollo-server', 'apollo-server-express', 'graphql-yoga', 'urql']),
  lib('Apollo', /\bApollo\b/, ['@apollo/server', '@apollo/client', 'apollo-server', 'apollo-server-express']),
  lib('Prisma', /\bPrisma\b/, ['prisma', '@prisma/client']),
  lib('Sequelize', /\bSequelize\b/i, ['sequelize']),
  lib('TypeORM', /\bTypeORM\b/i, ['typeorm']),
  lib('Mongoose', /\bMongoose\b/i, ['mongoose']),
  lib('MongoDB', /\bMongo(?:DB)?\b/, ['mongodb', 'mongoose']),
  lib('Knex', /\bKnex(?:\.js)?\b/i, ['knex']),
  lib('Drizzle', /\bDrizzle\b/, ['drizzle-orm']),
  lib('PostgreSQL', /\bPostgre(?:SQL|s)\b/i, ['pg', 'postgres', 'pg-promise', '@neondatabase/serverless']),
  lib('MySQL', /\bMySQL\b/i, ['mysql', 'mysql2']),
  lib('SQLite', /\bSQLite\b/i, ['sqlite3', 'better-sqlite3', 'sqlite']),
  lib('Redis', /\bRedis\b/i, ['redis', 'ioredis', '@redis/client']),
  lib('Kafka', /\bKafka\b/i, ['kafkajs', 'node-rdkafka']),
  lib('RabbitMQ', /\bRabbitMQ\b/i, ['amqplib', 'amqp-connection-manager']),
  lib('Socket.IO', /\bSocket\.IO\b/i, ['socket.io', 'socket.io-client']),
  lib('Tailwind CSS', /\bTailwind(?: ?CSS)?\b/i, ['tailwindcss']),
  lib('Material UI', /\b(?:Material[- ]UI|MUI)\b/, ['@mui/material', '@material-ui/core']),
  lib('Bootstrap', /\bBootstrap\b/, ['bootstrap', 'react-bootstrap']),
  lib('Chakra UI', /\bChakra(?: UI)?\b/, ['@chakra-ui/react']),
  lib('Ant Design', /\bAnt Design\b/, ['antd']),
  lib('styled-components', /\bstyled-components\b/, ['styled-components']),
  lib('jQuery', /\bjQuery\b/i, ['jquery']),
  lib('Jest', /\bJest\b/, ['jest']),
  lib('Mocha', /\bMocha\b/, ['mocha']),
  lib('Vitest', /\bVitest\b/i, ['vitest']),
  lib('Cypress', /\bCypress\b/, ['cypress']),
  lib('Playwright', /\bPlaywright\b/, ['@playwright/test', 'playwright']),
  lib('Supertest', /\bSupertest\b/i, ['supertest']),
  lib('Testing Library', /\bTesting Library\b/, ['@testing-library/react', '@testing-library/dom', '@testing-library/vue']),
  lib('Webpack', /\bWebpack\b/i, ['webpack']),
  lib('Vite', /\bVite\b/, ['vite']),
  lib('Axios', /\bAxios\b/i, ['axios']),
  lib('Zod', /\bZod\b/, ['zod']),
  lib('Joi', /\bJoi\b/, ['joi']),
  lib('Yup', /\bYup\b/, ['yup']),
  lib('Passport', /\bPassport(?:\.js)?\b/, ['passport']),
  lib('jsonwebtoken', /\bjsonwebtoken\b/, ['jsonwebtoken']),
  lib('Firebase', /\bFirebase\b/i, ['firebase', 'firebase-admin']),
  lib('Supabase', /\bSupabase\b/i, ['@supabase/supabase-js']),
  lib('Electron', /\bElectron\b/, ['electron']),
  other('Django', /\bDjango\b/, /\.py$/),
  other('Flask', /\bFlask\b/, /\.py$/),
  other('FastAPI', /\bFastAPI\b/, /\.py$/),
  other('Spring', /\bSpring(?: Boot)?\b/, /\.(java|kt)$/),
  other('Ruby on Rails', /\b(?:Ruby on Rails|Rails)\b/, /\.rb$/),
  other('Laravel', /\bLaravel\b/, /\.php$/),
  other('ASP.NET', /\bASP\.NET\b/i, /\.cs$/),
];
