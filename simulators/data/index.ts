export * from './education';
export * from './institutions';
export * from './municipalities';
export * from './names';
export * from './offences';
export * from './people';
export * from './personal-codes';
