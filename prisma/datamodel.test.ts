import { declaredTables } from './datamodel';

describe('declaredTables', () => {
  it('reads mapped table and column names and nullability', () => {
    const schema = `
      datasource db {
        provider = "postgresql"
      }
      model Thing {
        id      Int      @id
        label   String?  @map("the_label")
        tags    String[]
        owner   Owner    @relation(fields: [ownerId], references: [id])
        ownerId Int      @map("owner_id")
        @@map("thing")
      }
      model Owner {
        id     Int     @id
        things Thing[]
      }`;
    const thing = declaredTables(schema).find((m) => m.model === 'Thing')!;
    expect(thing.table).toBe('thing');
    expect(thing.columns).toEqual([
      { field: 'id', column: 'id', required: true, list: false },
      { field: 'label', column: 'the_label', required: false, list: false },
      { field: 'tags', column: 'tags', required: false, list: true },
      { field: 'ownerId', column: 'owner_id', required: true, list: false },
    ]);
  });
});
